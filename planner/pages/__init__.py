"""Simple web pages: the planner as plain HTML forms, for a phone or a screen reader.

One question to a page, with a real heading, labelled fields and an error summary that links
to the field; "check your answers", the seven steps as a task list, help, the glossary, asking
a question, language, saving and the code to carry on, what is missing, and the plan to
download. They follow the GOV.UK Design System's patterns, with a small stylesheet and
templates of their own, and work with no JavaScript at all.

The pages hold no rules of their own: every answer goes through the dialogue core
(:class:`planner.dialogue.conversation.Conversation`) and the shared services, exactly as the
terminal app and line mode do. This package knows nothing of HTTP either: each page is a
function from a visit to a :class:`planner.pages.html.Reply`; ``planner.web.pages_route``
serves them.
"""
