using Voice.Admin.Cli;

// voice-admin: the operator's CLI over the admin API (/v1/admin, DevHost's or the Functions app's). Exit codes are in
// ExitCodes: 0 done, 1 usage error, 3 refused, 4 unreachable, 5 not found, 6 conflict, 7 the API failed.
return await AdminCommands.Build().Parse(args).InvokeAsync();
