using System.Net;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Models;

/// <summary>
/// The live V2 catalog, <c>GET /v2/models</c>: what it sends, what it reads (fields the SDK does not model kept), and
/// its cache: one request for many callers, renewed after <see cref="ModelsClient.CacheDuration"/> or on demand, a
/// failure never cached.
/// </summary>
public sealed class ModelsClientTests
{
    [Fact]
    public async Task List_GetsV2ModelsWithTheBearerKey_AndReadsEveryModel()
    {
        using var fake = new FakeQianfan();
        fake.ModelsResponder = (_, _) => Task.FromResult(Responses.Json("""
            {"object":"list","data":[
              {"id":"ernie-5.1","object":"model","created":1767225600,"owned_by":"baidu","context_length":131072,"pricing":{"input":0.004}},
              {"id":"deepseek-r1","object":"model"},
              {"id":null}]}
            """));
        using var client = fake.CreateV2Client();

        var list = await client.Models.ListAsync();

        Assert.Equal(["ernie-5.1", "deepseek-r1", ""], list.Data.Select(m => m.Id));
        var first = list.Data[0];
        Assert.Equal(("baidu", 131072, 1767225600L), (first.OwnedBy, first.ContextLength, first.Created));
        Assert.Equal(0.004, first.AdditionalProperties!["pricing"].GetProperty("input").GetDouble());
        var sent = Assert.Single(fake.ModelsRequests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("https://qianfan.test/v2/models", sent.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {FakeQianfan.V2ApiKey}", sent.Authorization);
    }

    [Fact]
    public async Task List_IsCached_SharedByConcurrentCallers_AndRenewedAfterTenMinutesOrOnRefresh()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateV2Client();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.Models.ListAsync()));
        Assert.True(await client.Models.IsAvailableAsync("ERNIE-X1.1"));
        Assert.False(await client.Models.IsAvailableAsync("ernie-9"));
        Assert.Single(fake.ModelsRequests);

        fake.Time.Advance(ModelsClient.CacheDuration - TimeSpan.FromSeconds(1));
        await client.Models.ListAsync();
        Assert.Single(fake.ModelsRequests);
        fake.Time.Advance(TimeSpan.FromSeconds(1));
        await client.Models.ListAsync();
        Assert.Equal(2, fake.ModelsRequests.Count);

        await client.Models.ListAsync(refresh: true);
        Assert.Equal(3, fake.ModelsRequests.Count);
    }

    [Fact]
    public async Task List_AFailureIsAQianfanException_AndIsNotCached()
    {
        using var fake = new FakeQianfan();
        var answers = 0;
        fake.ModelsResponder = (_, _) => Task.FromResult(Interlocked.Increment(ref answers) == 1
            ? Responses.Json("""{"error":{"code":"internal_error","message":"boom"}}""", HttpStatusCode.InternalServerError)
            : Responses.Json("""{"object":"list","data":[{"id":"ernie-5.0"}]}"""));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.Models.ListAsync());
        var list = await client.Models.ListAsync();

        Assert.Equal("internal_error", error.ErrorName);
        Assert.Equal("ernie-5.0", Assert.Single(list.Data).Id);
        Assert.Equal(2, fake.ModelsRequests.Count);
    }

    [Fact]
    public async Task List_WithoutV2Credentials_FailsAtOnceNamingWhatToSet()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.Models.ListAsync());

        Assert.Equal("missing_credentials", error.Error);
        Assert.Contains("QIANFAN_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.ModelsRequests);
    }

    [Fact]
    public void StaticV2Catalog_HasThe2026Ids_WithTheirReasoningAndVisionFlags()
    {
        var ids = ModelCatalog.V2.Select(m => m.Id).ToList();

        string[] expected = ["ernie-5.1", "ernie-5.0", "ernie-5.0-thinking-latest", "ernie-4.5-turbo-128k", "ernie-4.5-turbo-32k", "ernie-4.5-turbo-vl", "ernie-x1.1", "ernie-x1-turbo-32k", "deepseek-v3.2-think", "deepseek-r1", "glm-4.5v", "kimi-k2-instruct"];
        Assert.All(expected, id => Assert.Contains(id, ids));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.True(ModelCatalog.TryGetV2("ERNIE-X1.1", out var x1) && x1.IsReasoning);
        Assert.True(ModelCatalog.TryGetV2("ernie-4.5-turbo-vl", out var vl) && vl.IsVision && !vl.IsReasoning);
        Assert.True(ModelCatalog.TryGetV2("ernie-4.5-turbo-128k", out var plain) && !plain.IsReasoning && !plain.IsVision);
    }
}
