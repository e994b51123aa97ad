using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tests.Protocol;

/// <summary>What Qianfan's answers tell the client-side limits: the X-Ratelimit-* quota, and which errors back every instance off.</summary>
public sealed class QianfanProfileLimitTests
{
    [Fact]
    public void ReadQuota_ReadsTheFourRateLimitHeaders()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Limit-Requests", "300");
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Limit-Tokens", "300000");
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Remaining-Requests", "299");
        response.Headers.TryAddWithoutValidation("X-Ratelimit-Remaining-Tokens", "299950");

        var quota = QianfanProfile.Instance.ReadQuota(response.Headers);

        Assert.Equal(new QuotaReport(300, 300000, 299, 299950), quota);
    }

    [Fact]
    public void ReadQuota_IsNullWithoutTheHeadersAndSkipsOnesThatAreNotNumbers()
    {
        using var none = new HttpResponseMessage(HttpStatusCode.OK);
        using var partial = new HttpResponseMessage(HttpStatusCode.OK);
        partial.Headers.TryAddWithoutValidation("X-Ratelimit-Limit-Requests", "lots");
        partial.Headers.TryAddWithoutValidation("X-Ratelimit-Remaining-Tokens", "12");

        Assert.Null(QianfanProfile.Instance.ReadQuota(none.Headers));
        Assert.Equal(new QuotaReport(null, null, null, 12), QianfanProfile.Instance.ReadQuota(partial.Headers));
    }

    [Theory]
    [InlineData(QianfanErrorCodes.QpsLimitReached, 1)]
    [InlineData(QianfanErrorCodes.RpmLimitReached, 3)]
    [InlineData(QianfanErrorCodes.TpmLimitReached, 3)]
    public void RateLimitPause_V1LimitErrorsPauseForTheirWindow(int code, int seconds)
    {
        var error = new QianfanException(code, "limit reached", statusCode: HttpStatusCode.OK);

        Assert.Equal(TimeSpan.FromSeconds(seconds), QianfanProfile.Instance.RateLimitPause(error));
    }

    [Theory]
    [InlineData("user_rate_limit_exceeded", 1)]
    [InlineData("rpm_rate_limit_exceeded", 3)]
    [InlineData("tpm_rate_limit_exceeded", 3)]
    [InlineData(null, 3)]
    public void RateLimitPause_V2TooManyRequestsPauses(string? name, int seconds)
    {
        var error = new QianfanException(null, "limit reached", statusCode: HttpStatusCode.TooManyRequests) { ErrorName = name };

        Assert.Equal(TimeSpan.FromSeconds(seconds), QianfanProfile.Instance.RateLimitPause(error));
    }

    [Fact]
    public void RateLimitPause_RetryAfterWins()
    {
        var error = new QianfanException(QianfanErrorCodes.RpmLimitReached, "limit reached") { RetryAfter = TimeSpan.FromSeconds(9) };

        Assert.Equal(TimeSpan.FromSeconds(9), QianfanProfile.Instance.RateLimitPause(error));
    }

    [Theory]
    [InlineData(QianfanErrorCodes.ServerHighLoad)]
    [InlineData(QianfanErrorCodes.AccessTokenExpired)]
    [InlineData(QianfanErrorCodes.InvalidParam)]
    public void RateLimitPause_OtherErrorsDoNotPause(int code)
    {
        Assert.Null(QianfanProfile.Instance.RateLimitPause(new QianfanException(code, "no")));
        Assert.Null(QianfanProfile.Instance.RateLimitPause(new TimeoutException()));
    }
}
