using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Protocol.ParameterRules;

namespace Qianfan.Sdk.Completions;

/// <summary>The documented rules of a completion body, checked before sending.</summary>
internal static class CompletionRequestValidator
{
    /// <summary>Checks <paramref name="request"/> and returns its endpoint.</summary>
    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static string Validate(CompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Fail("prompt", "prompt must not be empty");
        }

        if (request.Endpoint?.MaxInputCharacters is { } limit && CountCharacters(request.Prompt) is var length && length > limit)
        {
            throw Fail("prompt", $"prompt must be at most {limit} characters for {request.Endpoint.Name}, was {length}");
        }

        CheckRange("temperature", request.Temperature, 0, 1, lowerOpen: true);
        CheckRange("top_p", request.TopP, 0, 1);
        CheckRange("penalty_score", request.PenaltyScore, 1, 2);
        if (request.TopK is < 1)
        {
            throw Fail("top_k", $"top_k must be a positive integer, was {request.TopK}");
        }

        if (request.MaxOutputTokens is { } max)
        {
            CheckTokens("max_output_tokens", max);
        }

        ValidateStop(request.Stop);
        AdditionalFields.Validate(request.ExtraFields, CompletionsJsonContext.Default.CompletionRequestBody);
        if (request.Endpoint is { } endpoint)
        {
            return endpoint.Endpoint;
        }

        try
        {
            return CompletionModels.EndpointOf(request.Model);
        }
        catch (ArgumentException ex)
        {
            throw new QianfanValidationException($"model '{request.Model}' is not a completion model and not a valid endpoint name: {ex.Message}", "model");
        }
    }
}
