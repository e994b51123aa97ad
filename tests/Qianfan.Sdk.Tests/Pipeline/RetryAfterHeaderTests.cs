using System.Net.Http.Headers;
using Qianfan.Sdk.Core.Pipeline;

namespace Qianfan.Sdk.Tests.Pipeline;

public sealed class RetryAfterHeaderTests
{
    [Fact]
    public void ADelay_IsTakenAsIs()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Of(Headers(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))));
    }

    [Fact]
    public void ADelayOfZero_AsksForNothing_SoTheUsualBackoffApplies()
    {
        Assert.Null(RetryAfterHeader.Of(Headers(h => h.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero))));
    }

    [Fact]
    public void ADate_IsMeasuredFromTheAnswersOwnDate_NotTheClientsClock()
    {
        // The server's clock is a day behind the client's; its answer asks for 30 s after its own Date.
        var serverNow = DateTimeOffset.UtcNow.AddDays(-1);
        var headers = Headers(h =>
        {
            h.Date = serverNow;
            h.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(30));
        });

        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Of(headers));
    }

    [Fact]
    public void ADateAlreadyPast_AsksForNothing_SoTheUsualBackoffApplies()
    {
        var serverNow = DateTimeOffset.UtcNow;
        var headers = Headers(h =>
        {
            h.Date = serverNow;
            h.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(-5));
        });

        Assert.Null(RetryAfterHeader.Of(headers));
    }

    [Fact]
    public void ADate_WithoutTheAnswersDate_IsMeasuredFromNow()
    {
        var wait = RetryAfterHeader.Of(Headers(h => h.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(10))));

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void NoHeader_AsksForNothing()
    {
        Assert.Null(RetryAfterHeader.Of(Headers(_ => { })));
    }

    private static HttpResponseHeaders Headers(Action<HttpResponseHeaders> set)
    {
        var response = new HttpResponseMessage();
        set(response.Headers);
        return response.Headers;
    }
}
