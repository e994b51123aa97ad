using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Qianfan.Sdk.IntegrationTests.Emulator;

namespace Qianfan.Sdk.IntegrationTests.EmulatorV2;

/// <summary>
/// V2 <c>/v2/embeddings</c>, <c>/v2/rerankers</c> and <c>/v2/images/generations</c> on the wire: the V1 rules in V2's
/// error shape, V2's credentials, and image URLs the emulator serves itself.
/// </summary>
public sealed class V2AreaEndpointTests
{
    [Theory]
    [InlineData("embedding-v1", 384)]
    [InlineData("bge-large-zh", 1024)]
    [InlineData("bge-large-en", 1024)]
    [InlineData("tao-8k", 1024)]
    public async Task Embeddings_AnswerVectorsOfTheModelsSize_AsV1Does(string model, int dimensions)
    {
        await using var session = await V2Session.StartAsync();

        var body = await PostAsync(session, "/v2/embeddings", $$"""{"model":"{{model}}","input":["你好"]}""");

        Assert.Equal("embedding_list", body.GetProperty("object").GetString());
        Assert.Equal(dimensions, body.GetProperty("data")[0].Vector().Length);
        Assert.Equal(1, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_VectorsMatchV1sForTheSameModelAndText()
    {
        await using var session = await V2Session.StartAsync();
        await using var v1 = await EmulatorSession.StartAsync();

        var v2Body = await PostAsync(session, "/v2/embeddings", """{"model":"bge-large-zh","input":["你好"]}""");
        var v1Body = await v1.AreaAsync("embeddings/bge_large_zh", """{"input":["你好"]}""");

        Assert.Equal(v1Body.GetProperty("data")[0].Vector(), v2Body.GetProperty("data")[0].Vector());
    }

    [Theory]
    [InlineData("""{"input":["a"]}""", HttpStatusCode.BadRequest, "invalid_model", "model is empty")]
    [InlineData("""{"model":"Embedding-V1","input":["a"]}""", HttpStatusCode.Unauthorized, "invalid_model", null)]
    [InlineData("""{"model":"embedding-v1","input":[]}""", HttpStatusCode.BadRequest, "invalid_argument", "input must not be empty")]
    [InlineData("""{"model":"tao-8k","input":["a","b"]}""", HttpStatusCode.BadRequest, "invalid_argument", "the input of tao-8k must hold exactly 1 text")]
    [InlineData("""{"model":"embedding-v1","input":["a"],"user":1}""", HttpStatusCode.BadRequest, "invalid_argument", "user must be a string")]
    public async Task Embeddings_BreakingARuleIsAV2Error(string json, HttpStatusCode status, string code, string? message)
    {
        await using var session = await V2Session.StartAsync();

        var body = await PostAsync(session, "/v2/embeddings", json, status);

        V2Session.AssertError(body, code, "invalid_request_error", message);
    }

    [Fact]
    public async Task Rerankers_DefaultToBceRerankerBase_AndScoreByWordOverlap()
    {
        await using var session = await V2Session.StartAsync();

        var body = await PostAsync(session, "/v2/rerankers", """{"query":"苹果","documents":["香蕉","苹果"],"top_n":1}""");
        var named = await PostAsync(session, "/v2/rerankers", """{"model":"bce-reranker-base","query":"a","documents":["a"]}""");
        var other = await PostAsync(session, "/v2/rerankers", """{"model":"bge-reranker-v2-m3","query":"a","documents":["a"]}""", HttpStatusCode.Unauthorized);

        var result = Assert.Single(body.GetProperty("results").EnumerateArray());
        Assert.Equal((1, 1.0, "苹果"), (result.GetProperty("index").GetInt32(), result.GetProperty("relevance_score").GetDouble(), result.GetProperty("document").GetString()));
        Assert.Equal(1, named.GetProperty("results").GetArrayLength());
        V2Session.AssertError(other, "invalid_model", "invalid_request_error");
    }

    [Fact]
    public async Task Rerankers_BreakingARuleIsInvalidArgument()
    {
        await using var session = await V2Session.StartAsync();

        var body = await PostAsync(session, "/v2/rerankers", """{"query":"q","documents":[]}""", HttpStatusCode.BadRequest);

        V2Session.AssertError(body, "invalid_argument", "invalid_request_error", "documents must not be empty");
    }

    [Fact]
    public async Task Images_AreUrlsTheEmulatorServes_AsDecodablePngsOfTheSize()
    {
        await using var session = await V2Session.StartAsync();

        var body = await PostAsync(session, "/v2/images/generations", """{"model":"irag-1.0","prompt":"一只猫","size":"640x360","n":2}""");

        Assert.Equal(["id", "created", "data"], body.EnumerateObject().Select(p => p.Name));
        var urls = body.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("url").GetString()!).ToList();
        Assert.Equal(2, urls.Count);
        Assert.NotEqual(urls[0], urls[1]);
        foreach (var url in urls)
        {
            Assert.StartsWith(session.Emulator.BaseUrl + "/v2/images/files/", url, StringComparison.Ordinal);
            using var image = await session.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            var png = PngFile.Decode(await image.Content.ReadAsByteArrayAsync());
            Assert.Equal((640, 360), (png.Width, png.Height));
        }
    }

    [Fact]
    public async Task Images_TheSameRequestGivesTheSameUrls_AndAnUnknownFileIs404()
    {
        await using var session = await V2Session.StartAsync();
        const string Json = """{"model":"qwen-image","prompt":"猫","seed":3}""";

        var first = await PostAsync(session, "/v2/images/generations", Json);
        var again = await PostAsync(session, "/v2/images/generations", Json);
        using var missing = await session.Http.GetAsync("/v2/images/files/nothing.png");

        Assert.Equal(first.GetProperty("data")[0].GetProperty("url").GetString(), again.GetProperty("data")[0].GetProperty("url").GetString());
        Assert.EndsWith(".png", first.GetProperty("data")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("/1024x1024-", first.GetProperty("data")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"prompt":"猫"}""", HttpStatusCode.BadRequest, "invalid_model")]
    [InlineData("""{"model":"dall-e-3","prompt":"猫"}""", HttpStatusCode.Unauthorized, "invalid_model")]
    [InlineData("""{"model":"irag-1.0"}""", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("""{"model":"irag-1.0","prompt":"猫","size":"big"}""", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("""{"model":"irag-1.0","prompt":"猫","size":"4096x4096"}""", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("""{"model":"irag-1.0","prompt":"猫","n":5}""", HttpStatusCode.BadRequest, "invalid_argument")]
    [InlineData("""{"model":"irag-1.0","prompt":"猫","seed":"x"}""", HttpStatusCode.BadRequest, "invalid_argument")]
    public async Task Images_BreakingARuleIsAV2Error(string json, HttpStatusCode status, string code)
    {
        await using var session = await V2Session.StartAsync();

        V2Session.AssertError(await PostAsync(session, "/v2/images/generations", json, status), code, "invalid_request_error");
    }

    [Theory]
    [InlineData("/v2/embeddings")]
    [InlineData("/v2/rerankers")]
    [InlineData("/v2/images/generations")]
    public async Task EveryRoute_WantsAV2Credential_AndTakesBearerTokensFromIam(string path)
    {
        await using var session = await V2Session.StartAsync();
        var issued = (await session.IssueBearerTokenAsync()).GetProperty("token").GetString();
        var json = path switch
        {
            "/v2/embeddings" => """{"model":"embedding-v1","input":["a"]}""",
            "/v2/rerankers" => """{"query":"a","documents":["a"]}""",
            _ => """{"model":"irag-1.0","prompt":"a"}""",
        };

        var anonymous = await PostAsync(session, path, json, HttpStatusCode.Unauthorized, key: null);
        var wrong = await PostAsync(session, path, json, HttpStatusCode.Unauthorized, key: "bce-v3/ALTAK-x/y");
        var bearer = await PostAsync(session, path, json, key: issued);
        var notJson = await PostAsync(session, path, "{", HttpStatusCode.BadRequest);

        V2Session.AssertError(anonymous, "invalid_iam_token", "invalid_request_error", "IAM Certification failed");
        V2Session.AssertError(wrong, "invalid_iam_token", "invalid_request_error");
        Assert.False(bearer.TryGetProperty("error", out _));
        V2Session.AssertError(notJson, "malformed_json", "invalid_request_error");
    }

    [Fact]
    public async Task InjectedErrorsAndLimits_AreAnsweredInTheV2Form()
    {
        await using var session = await V2Session.StartAsync();
        session.Scenarios.FailNextChatCalls(1, 336501);

        var injected = await PostAsync(session, "/v2/embeddings", """{"model":"embedding-v1","input":["a"]}""", HttpStatusCode.TooManyRequests);
        session.Scenarios.RpmLimit = 1;
        await PostAsync(session, "/v2/rerankers", """{"query":"a","documents":["a"]}""");
        var limited = await PostAsync(session, "/v2/images/generations", """{"model":"irag-1.0","prompt":"a"}""", HttpStatusCode.TooManyRequests);

        V2Session.AssertError(injected, "rpm_rate_limit_exceeded", "rate_limit_exceeded", "Rate limit reached for RPM");
        V2Session.AssertError(limited, "rpm_rate_limit_exceeded", "rate_limit_exceeded");
    }

    private static async Task<JsonElement> PostAsync(V2Session session, string path, string json, HttpStatusCode expected = HttpStatusCode.OK, string? key = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Length == 0 ? session.Emulator.V2ApiKey : key);
        }

        using var response = await session.Http.SendAsync(request);
        var body = await V2Session.ReadJsonAsync(response);
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Baidu-Request-Id").Single()));
        return body;
    }
}
