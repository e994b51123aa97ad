using System.Net;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Chat;

/// <summary>
/// A model name the catalog does not know: a clear typo of a known V1 name is stopped before sending with the name it
/// resembles; any other name (a model added after this SDK) is sent, and when the service says it serves no such
/// model the error says the name is not in the catalog and suggests the closest known names. A custom endpoint always
/// goes through.
/// </summary>
public sealed class UnknownModelTests
{
    [Theory]
    [InlineData("ERNIE-Sped-8K", "ERNIE-Speed-8K")]
    [InlineData("ernie-lite-8", "ernie-lite-8k")]
    [InlineData("ERNIE_4.0_8K", "ERNIE-4.0-8K")] // other separators: the same model, not ERNIE-3.5-8K
    [InlineData("ERNIE-Speed-128", "ERNIE-Speed-128K")]
    [InlineData("ERNIE-4.5-8K", null)] // other digits: a version the catalog does not know, sent as it is
    public async Task V1_AClearTypoIsRejectedBeforeSending_NamingTheKnownModel(string model, string? meant)
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        if (meant is null)
        {
            await client.Chat.CompleteAsync(new ChatRequest(model) { Messages = { ChatMessage.User("你好") } });
            Assert.Single(fake.ChatRequests);
            return;
        }

        var error = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Chat.CompleteAsync(new ChatRequest(model) { Messages = { ChatMessage.User("你好") } }));

        Assert.Equal("model", error.ParamName);
        Assert.Contains($"model '{model}' is not in the catalog; did you mean '", error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{meant}'?", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ModelSpec.ForCustomEndpoint", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task V1_ACustomEndpointThatLooksLikeATypo_StillGoesThrough()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await client.Chat.CompleteAsync(new ChatRequest(ModelSpec.ForCustomEndpoint("ernie_sped")) { Messages = { ChatMessage.User("你好") } });

        Assert.EndsWith("/chat/ernie_sped", Assert.Single(fake.ChatRequests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1_AnUnknownNameTheServiceRefuses_SaysItIsNotInTheCatalog_AndSuggestsNames()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(QianfanErrorCodes.UnsupportedMethod, "Unsupported openapi method"));
        using var client = fake.CreateClient();

        var sync = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(new ChatRequest("ERNIE-Speedy-16K") { Messages = { ChatMessage.User("你好") } }));
        var stream = await Assert.ThrowsAsync<QianfanException>(async () => await client.Chat.StreamAsync(new ChatRequest("ERNIE-Speedy-16K") { Messages = { ChatMessage.User("你好") } }).ToListAsync());

        foreach (var error in new[] { sync, stream })
        {
            Assert.Equal(QianfanErrorCodes.UnsupportedMethod, error.ErrorCode);
            Assert.StartsWith("Unsupported openapi method (model 'ERNIE-Speedy-16K' is not in the SDK's catalog; known names close to it: ", error.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("ERNIE-Speed", error.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.All(fake.ChatRequests, r => Assert.EndsWith("/chat/ernie-speedy-16k", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task V1_AKnownModelsErrorIsNotExplained()
    {
        using var fake = new FakeQianfan();
        fake.RespondToChat(() => Responses.Error(QianfanErrorCodes.UnsupportedMethod, "Unsupported openapi method"));
        using var client = fake.CreateClient();

        var error = await Assert.ThrowsAsync<QianfanException>(() => client.Chat.CompleteAsync(new ChatRequest("ERNIE-Speed-8K") { Messages = { ChatMessage.User("你好") } }));

        Assert.Equal("Unsupported openapi method", error.ErrorMessage);
    }

    [Fact]
    public async Task V2_AnUnknownIdIsSent_AndTheServicesInvalidModelSuggestsKnownIds()
    {
        using var fake = new FakeQianfan();
        fake.RespondToV2InTurn(
            () => Responses.Json(Responses.CompletionJson("新模型的回答")),
            () => Responses.Json("""{"error":{"code":"invalid_model","message":"model not found","type":"invalid_request_error"}}""", HttpStatusCode.BadRequest));
        using var client = fake.CreateV2Client();

        var served = await client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("ernie-5.2") { Messages = { ChatMessage.User("你好") } });
        var error = await Assert.ThrowsAsync<QianfanException>(() => client.ChatCompletions.CompleteAsync(new ChatCompletionRequest("ernie-5.2") { Messages = { ChatMessage.User("你好") } }));

        Assert.Equal("新模型的回答", served.Content); // a model released after the SDK works
        Assert.Equal("invalid_model", error.ErrorName);
        Assert.StartsWith("model not found (model 'ernie-5.2' is not in the SDK's catalog; known names close to it: ", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("ernie-5.1", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("ernie-5.0", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, fake.V2Requests.Count);
    }
}
