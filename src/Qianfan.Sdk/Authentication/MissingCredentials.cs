using Qianfan.Sdk.Core.Authorization;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Authentication;

/// <summary>Stands in for an API the settings give no credentials for: a call to it fails at once, naming what to set.</summary>
internal sealed class MissingCredentials(string message) : IRequestAuthorizer
{
    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken) =>
        throw new QianfanAuthenticationException("missing_credentials", message, statusCode: null);

    public bool IsRejected(Exception error) => false;

    public Exception? Reject(string token, Exception error) => error;
}
