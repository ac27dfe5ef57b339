import CCCommands

await ToolMain.run(.ccprompt)
