using Voice.Admin.Cli;

// voice-admin: the operator's CLI over the admin API (DevHost's /admin/v1). Exit codes: 0 done, 1 usage error,
// 3 the API refused the request (its error on stderr), 4 the API could not be reached.
return await AdminCommands.Build().Parse(args).InvokeAsync();
