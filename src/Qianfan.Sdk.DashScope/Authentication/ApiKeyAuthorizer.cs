using System.Net.Http.Headers;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.DashScope.Authentication;

/// <summary>
/// DashScope's only way: the API key as <c>Authorization: Bearer {key}</c>, no signing and nothing to renew, so a
/// rejected key (<c>InvalidApiKey</c>) fails the call at once. The URL is parsed per request: task URLs differ per
/// task, so caching them would grow without bound.
/// </summary>
internal sealed class ApiKeyAuthorizer(string apiKey) : IRequestAuthorizer
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", apiKey);

    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(url);
        request.Headers.Authorization = _header;
        return new ValueTask<string?>((string?)null);
    }

    public bool IsRejected(Exception error) => false;

    public Exception? Reject(string token, Exception error) => error;

    /// <summary>Never the key.</summary>
    public override string ToString() => "Bearer (the DashScope API key)";
}
