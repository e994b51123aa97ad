using System.Collections.Concurrent;
using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The test API's credentials: a token in the URL (<c>?token=token-{n}</c>, renewed each time the service rejects
/// one), or a fixed token the authorizer cannot renew. The service rejects a token with the error code
/// <c>token_rejected</c>.
/// </summary>
internal sealed class TestAuthorizer : IRequestAuthorizer
{
    public const string RejectedCode = "token_rejected";

    private int _generation = 1;

    /// <summary>Whether the token is fixed: a rejection then fails the call with <see cref="FixedTokenRejected"/>.</summary>
    public bool Fixed { get; set; }

    /// <summary>Whether requests carry no token at all (as a signature does): nothing to renew.</summary>
    public bool NoToken { get; set; }

    /// <summary>Runs before each token is handed out, e.g. to make getting it hang or fail.</summary>
    public Func<CancellationToken, Task>? BeforeToken { get; set; }

    /// <summary>How many times a request asked for its credentials.</summary>
    public int Authorizations => _authorizations;

    /// <summary>The tokens the pipeline reported rejected, in order.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    private int _authorizations;

    public async ValueTask<string?> AuthorizeAsync(HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _authorizations);
        if (BeforeToken is { } before)
        {
            await before(cancellationToken);
        }

        var token = $"token-{Volatile.Read(ref _generation)}";
        request.RequestUri = NoToken ? new Uri(url) : new Uri($"{url}?token={token}");
        return NoToken ? null : token;
    }

    public bool IsRejected(Exception error) => error is TestApiException { Code: RejectedCode };

    public Exception? Reject(string token, Exception error)
    {
        Rejected.Enqueue(token);
        if (Fixed)
        {
            return new FixedTokenRejectedException("the fixed token was rejected", error);
        }

        Interlocked.Increment(ref _generation);
        return null;
    }
}

/// <summary>What the test authorizer raises for a fixed token the service rejected.</summary>
internal sealed class FixedTokenRejectedException : Exception
{
    public FixedTokenRejectedException()
    {
    }

    public FixedTokenRejectedException(string message)
        : base(message)
    {
    }

    public FixedTokenRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
