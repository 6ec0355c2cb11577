namespace Voice.Admin.Cli;

/// <summary>
/// voice-admin's exit codes, for scripts: 0 done; 1 a usage error (System.CommandLine's, or no admin credential);
/// 3 the API refused the request (400, 401, 403 …; its error on stderr); 4 the API could not be reached; 5 no such
/// resource (404); 6 a conflict (409: the number is taken, the application is in use, the SIP URI is another's);
/// 7 the API failed (5xx).
/// </summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Usage = 1;
    public const int Refused = 3;
    public const int Unreachable = 4;
    public const int NotFound = 5;
    public const int Conflict = 6;
    public const int ServerError = 7;

    public static int ForStatus(int status) => status switch
    {
        404 => NotFound,
        409 => Conflict,
        >= 500 => ServerError,
        _ => Refused,
    };
}
