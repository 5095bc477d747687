from .app.console import console

console()
