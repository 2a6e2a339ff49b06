"""The router: page config, the explicit page list (ui.pages.PAGES), the sidebar, run."""

import streamlit as st

from ui import demo, pages, persistence, router, sidebar, styling, tuning

router.mark_routed_run()
st.set_page_config(
    page_title="Subsidiewijzer A&O fonds Gemeenten",
    page_icon=":material/account_balance:",
    layout="centered",
    initial_sidebar_state="auto",
)
styling.apply()
persistence.restore_into_session()
page = st.navigation(pages.navigation_pages(), position="hidden")
demo.apply(full=page.url_path == "")
sidebar.prepare(pages.key_for_url_path(page.url_path))
page.run()
sidebar.finish()
tuning.tune_server()
