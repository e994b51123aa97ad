using Microsoft.Extensions.Logging;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tokenizer;

/// <summary>
/// Token counting (Token计算): the service's exact count (V1 <c>tokenizer/erniebot</c>), or the free offline
/// <see cref="TokenEstimator"/>. Get it from <see cref="QianfanClient.Tokenizer"/>. Methods are virtual so tests can
/// substitute the client.
/// </summary>
public class TokenizerClient
{
    /// <summary>The model family the service counts with when none is named: <c>ernie-bot</c>.</summary>
    public const string DefaultModel = "ernie-bot";

    private readonly QianfanApi? _api;
    private readonly ILogger? _logger;

    /// <summary>For mocking in tests; a client made this way cannot send.</summary>
    protected TokenizerClient()
    {
    }

    internal TokenizerClient(QianfanApi api)
    {
        _api = api;
        _logger = api.CreateLogger("Tokenizer");
    }

    /// <summary>Counts the tokens of <paramref name="text"/> as the service's <paramref name="model"/> tokenizer does.</summary>
    /// <exception cref="QianfanValidationException">The text is empty; nothing was sent.</exception>
    /// <exception cref="QianfanException">The service reported an error.</exception>
    public virtual Task<TokenCountResponse> CountAsync(string text, string model = DefaultModel, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new QianfanValidationException("prompt must not be empty", "prompt");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var api = _api ?? throw new InvalidOperationException("This TokenizerClient was made for mocking and cannot send.");
        var body = JsonBody.Serialize(new TokenCountRequestBody { Prompt = text, Model = model }, TokenizerJsonContext.Default.TokenCountRequestBody);
        return api.Pipeline.SendAsync(
            new ApiCall(HttpMethod.Post, api.V1Url("tokenizer", "erniebot"), body, "count_tokens", "tokenizer/erniebot", model, false, _logger!),
            TokenizerJsonContext.Default.TokenCountResponse,
            cancellationToken);
    }

    /// <summary>The offline estimate of <paramref name="text"/>'s tokens; see <see cref="TokenEstimator"/>.</summary>
    public static int Estimate(string? text) => TokenEstimator.Estimate(text);
}
