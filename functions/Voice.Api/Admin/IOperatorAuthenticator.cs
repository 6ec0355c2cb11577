using Microsoft.AspNetCore.Http;

namespace Voice.Api.Admin;

/// <summary>
/// How a host authenticates operators of the admin API: DevHost with its local admin key, the Functions app with
/// Microsoft Entra ID tokens (<see cref="EntraOperatorAuthenticator"/>). Never a tenant's API key.
/// </summary>
public interface IOperatorAuthenticator
{
    Task<OperatorAuthentication> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken);
}
