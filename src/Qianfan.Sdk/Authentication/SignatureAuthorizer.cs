using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Authentication;

/// <summary>
/// V1's IAM way: each request signed with <c>bce-auth-v1</c> over its method, path, query, <c>host</c> and
/// <c>x-bce-date</c>, with no token to renew.
/// </summary>
internal sealed class SignatureAuthorizer(string accessKey, string secretKey, TimeSpan expiration, TimeProvider time) : IRequestAuthorizer
{
    private readonly int _expirationSeconds = (int)Math.Min(int.MaxValue, expiration.TotalSeconds);

    public ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        request.RequestUri = uri;
        Sign(request, accessKey, secretKey, _expirationSeconds, time.GetUtcNow());
        return new ValueTask<string?>((string?)null);
    }

    public bool IsRejected(Exception error) => false;

    public Exception? Reject(string token, Exception error) => error;

    /// <summary>Adds <c>x-bce-date</c> and the <c>Authorization</c> signature to a request whose URI is set.</summary>
    internal static void Sign(HttpRequestMessage request, string accessKey, string secretKey, int expirationSeconds, DateTimeOffset now)
    {
        var uri = request.RequestUri!;
        var date = BceSigner.FormatTimestamp(now);
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            query.Add(equals < 0
                ? new(Uri.UnescapeDataString(pair), null)
                : new(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..])));
        }

        var authorization = BceSigner.Sign(
            accessKey,
            secretKey,
            request.Method,
            Uri.UnescapeDataString(uri.AbsolutePath),
            query,
            [new("host", uri.Authority), new("x-bce-date", date)],
            now,
            expirationSeconds);
        request.Headers.TryAddWithoutValidation("x-bce-date", date);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }
}
