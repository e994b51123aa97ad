using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Zhipu.Authentication;

/// <summary>
/// The plain API key as <c>Authorization: Bearer {key}</c>, the way the service's documentation shows. A key the
/// service refuses cannot be renewed, so a rejection is final.
/// </summary>
internal sealed class ApiKeyAuthorizer(string apiKey) : IRequestAuthorizer
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", apiKey);
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        request.RequestUri = _uris.GetOrAdd(url, static u => new Uri(u));
        request.Headers.Authorization = _header;

        // No token to renew: the pipeline then never repeats a call the service refused.
        return new ValueTask<string?>((string?)null);
    }

    public bool IsRejected(Exception error) => false;

    public Exception? Reject(string token, Exception error) => error;
}
