from .app.cliargs import console

console()
