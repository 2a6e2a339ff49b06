"""The router: page config, the explicit page list (ui.pages.PAGES), the sidebar, run.

Everything sits behind the `__main__` guard, imports included. Streamlit runs this file as
`__main__`; the document worker (ui/server/documents.py, a spawned process) is handed this file as
its `__mp_main__` by multiprocessing and runs it too: unguarded, that ran the whole app outside
a server (a hundred warnings on stderr) and loaded Streamlit and pandas into the worker.
"""


def main() -> None:
    """One run of the app: route, restore the draft, lay out the sidebar, run the page."""
    from pathlib import Path

    import streamlit as st

    from aeno_core import logs
    from ui import demo, demo_flag, pages, reconnect, sidebar, state, styling
    from ui.drafts import link, view
    from ui.server import startup, streamlit_internals, tuning

    logs.configure()  # once per process; the later runs find it done
    streamlit_internals.mark_routed_run()
    streamlit_internals.limit_files_per_session()
    state.on_commit(link.on_change)  # every change of the answers is saved as the draft
    st.set_page_config(
        page_title="Subsidiewijzer A&O fonds Gemeenten",
        # A local file: a `:material/...:` icon makes every browser fetch it from Google's
        # font host, which sends each visitor's address there (issue 14).
        page_icon=str(Path(__file__).resolve().parent / "assets" / "ui" / "favicon.png"),
        layout="wide" if demo_flag.is_demo() else "centered",
        initial_sidebar_state="auto",
    )
    startup.stop_on_bad_settings()
    link.flush()  # a cost line's change that waited (ui/costs.py), before anything is drawn
    styling.apply()
    view.restore_into_session()
    page = st.navigation(pages.navigation_pages(), position="hidden")
    with st.sidebar:
        reconnect.begin_run()  # before any field: is the tab's own state to be heard first?
    demo.apply(full=page.url_path == "")
    reconnect.show_choice()
    sidebar.prepare(pages.key_for_url_path(page.url_path))
    page.run()
    sidebar.finish()
    reconnect.end_run()
    link.keep_in_use()
    tuning.tune_server()


if __name__ == "__main__":
    main()
