using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Http;

/// <summary>Stands in for an API the options give no credentials for: a call to it fails at once, naming what to set.</summary>
internal sealed class MissingCredentials(string message) : IRequestAuthorizer
{
    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(message);

    public bool IsRejected(QianfanException error) => false;

    public void Reject(string token)
    {
    }
}
