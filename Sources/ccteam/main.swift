import CCCommands

await ToolMain.run(.ccteam)
