"""Drafts in the browser, in three layers: the process's store (`store`), the tab's draft and
its link (`link`), and what the pages show of it (`view`). Each imports only the ones before it.
"""
