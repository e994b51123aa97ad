using Qianfan.Sdk.Core.Authorization;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>A key sent as a bearer as it is: the header, a URL parsed per request, a rejection that is final, no key in ToString.</summary>
public sealed class StaticBearerAuthorizerTests
{
    [Fact]
    public async Task Authorize_SetsTheBearerAndTheRequestsOwnUrl_EveryTime()
    {
        var authorizer = new StaticBearerAuthorizer("sk-secret", "Bearer (the test key)");
        using var first = new HttpRequestMessage();
        using var second = new HttpRequestMessage();

        Assert.Null(await authorizer.AuthorizeAsync(first, "https://api.test/tasks/1", default));
        Assert.Null(await authorizer.AuthorizeAsync(second, "https://api.test/tasks/2", default));

        Assert.Equal("Bearer sk-secret", first.Headers.Authorization!.ToString());
        Assert.Equal(new Uri("https://api.test/tasks/1"), first.RequestUri);
        Assert.Equal(new Uri("https://api.test/tasks/2"), second.RequestUri);
        var error = new InvalidOperationException("refused");
        Assert.False(authorizer.IsRejected(error));
        Assert.Same(error, authorizer.Reject("t", error));
        Assert.DoesNotContain("sk-secret", authorizer.ToString(), StringComparison.Ordinal);
    }
}
