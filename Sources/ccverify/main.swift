import CCCommands

await ToolMain.run(.ccverify)
