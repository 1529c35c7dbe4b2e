"""The Textual front end: a calm conversation in the terminal and, through textual-serve, in the
browser. It only shows what the Conversation says and hands back what the family typed."""
