using System.Net;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Authentication;

/// <summary>
/// V2's credentials: a bearer token obtained with the IAM keys (signed, cached, renewed after a 401), and a V2 API key,
/// which cannot be renewed: rejected, it fails the call naming its setting, unless IAM keys can take over.
/// </summary>
public sealed class IamBearerTokenTests
{
    [Fact]
    public async Task IamKeys_GetASignedBearerTokenOnce_AndRenewItAfterA401()
    {
        using var fake = new FakeQianfan();
        var rejectNext = false;
        fake.V2Responder = (_, _) =>
        {
            if (rejectNext)
            {
                rejectNext = false;
                return Task.FromResult(Responses.Json("""{"error":{"code":"invalid_iam_token","message":"IAM Certification failed","type":"invalid_request_error"},"id":"as-1"}""", HttpStatusCode.Unauthorized));
            }

            return Task.FromResult(Responses.Json(Responses.CompletionJson("好")));
        };
        using var client = IamClient(fake);

        await client.ChatCompletions.CompleteAsync(Ask());
        await client.ChatCompletions.CompleteAsync(Ask());
        rejectNext = true;
        await client.ChatCompletions.CompleteAsync(Ask());

        Assert.Equal(2, fake.IamRequests.Count);
        Assert.All(fake.IamRequests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.StartsWith($"bce-auth-v1/{FakeQianfan.IamAccessKey}/", r.Authorization, StringComparison.Ordinal);
            Assert.True(r.Headers.ContainsKey("x-bce-date"));
            Assert.Equal("86400", r.Query("expireInSeconds"));
        });
        Assert.Equal(
            ["Bearer bce-v3/ALTAK-t1/s", "Bearer bce-v3/ALTAK-t1/s", "Bearer bce-v3/ALTAK-t1/s", "Bearer bce-v3/ALTAK-t2/s"],
            fake.V2Requests.Select(r => r.Authorization ?? "(none)").ToArray());
    }

    [Fact]
    public async Task ARefusedBearerTokenRequest_IsAnAuthenticationException()
    {
        using var fake = new FakeQianfan();
        fake.IamResponder = (_, _) => Task.FromResult(Responses.Json("""{"requestId":"r","code":"AccessDenied","message":"Access denied."}""", HttpStatusCode.Forbidden));
        using var client = IamClient(fake);

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("AccessDenied", error.Error);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.DoesNotContain(FakeQianfan.IamSecretKey, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(fake.V2Requests);
    }

    [Fact]
    public async Task V2ApiKey_RejectedFailsAtOnceNamingTheSettingWithoutLeakingTheKey()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2(() => Responses.Json("""{"error":{"code":"invalid_api_key","message":"the API key is invalid"},"id":"as-401"}""", HttpStatusCode.Unauthorized));
        using var client = fake.CreateV2Client();

        var error = await Assert.ThrowsAsync<QianfanAuthenticationException>(() => client.ChatCompletions.CompleteAsync(Ask()));

        Assert.Equal("token_rejected", error.Error);
        Assert.Contains("V2ApiKey (QIANFAN_API_KEY)", error.Message, StringComparison.Ordinal);
        Assert.Contains("error invalid_api_key", error.Message, StringComparison.Ordinal);
        Assert.Contains("IamAccessKey and IamSecretKey", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("as-401", Assert.IsType<QianfanException>(error.InnerException).RequestId);
        Assert.Single(fake.V2Requests);
        Assert.DoesNotContain(FakeQianfan.V2ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2ApiKey_RejectedFallsBackToBearerTokensFromTheIamKeysAndRepeatsOnce()
    {
        using var fake = new FakeQianfan();
        fake.V2Responder = (request, _) => Task.FromResult(request.Authorization == $"Bearer {FakeQianfan.V2ApiKey}"
            ? Responses.Json("""{"error":{"code":"invalid_api_key","message":"the API key is invalid"}}""", HttpStatusCode.Unauthorized)
            : Responses.Json(Responses.CompletionJson("好")));
        using var client = fake.CreateV2Client(credentials: c =>
        {
            c.IamAccessKey = FakeQianfan.IamAccessKey;
            c.IamSecretKey = FakeQianfan.IamSecretKey;
        });

        Assert.Equal("好", (await client.ChatCompletions.CompleteAsync(Ask())).Content);
        Assert.Equal("好", (await client.ChatCompletions.CompleteAsync(Ask())).Content);

        Assert.Equal(
            [$"Bearer {FakeQianfan.V2ApiKey}", "Bearer bce-v3/ALTAK-t1/s", "Bearer bce-v3/ALTAK-t1/s"],
            fake.V2Requests.Select(r => r.Authorization ?? "(none)").ToArray());
        Assert.Single(fake.IamRequests);
    }

    private static QianfanClient IamClient(FakeQianfan fake) => fake.CreateV2Client(credentials: c =>
    {
        c.V2ApiKey = null;
        c.IamAccessKey = FakeQianfan.IamAccessKey;
        c.IamSecretKey = FakeQianfan.IamSecretKey;
    });

    private static ChatCompletionRequest Ask() => new("ernie-4.0-8k") { Messages = { ChatMessage.User("你好") } };
}
