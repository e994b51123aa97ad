using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Models;
using Qianfan.Sdk.Protocol;
using static Qianfan.Sdk.Protocol.ParameterRules;

namespace Qianfan.Sdk.Embeddings;

/// <summary>An embedding body's rules, checked before sending: texts present and not empty, within the model's count and length.</summary>
internal static class EmbeddingRequestValidator
{
    /// <summary>Checks <paramref name="request"/>; returns the model's spec, or null for a model the SDK does not know.</summary>
    /// <exception cref="QianfanValidationException">A rule is broken.</exception>
    public static EmbeddingModelSpec? Validate(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EmbeddingModels.TryGet(request.Model, out var spec);
        var input = request.Input;
        if (input.Count == 0)
        {
            throw Fail("input", "input must hold at least one text");
        }

        if (spec is not null && input.Count > spec.MaxTexts)
        {
            throw Fail("input", spec.MaxTexts == 1
                ? $"input must hold exactly 1 text for {spec.Name}, had {input.Count}"
                : $"input must hold at most {spec.MaxTexts} texts for {spec.Name}, had {input.Count}; EmbedAllAsync splits a longer list");
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(input[i]))
            {
                throw Fail($"input[{i}]", $"input[{i}] must not be empty");
            }

            if (spec?.MaxCharacters is { } limit && CountCharacters(input[i]) is var length && length > limit)
            {
                throw Fail($"input[{i}]", $"input[{i}] must be at most {limit} characters for {spec.Name}, was {length}");
            }
        }

        AdditionalFields.Validate(request.ExtraFields, EmbeddingsJsonContext.Default.EmbeddingRequestBody);
        return spec;
    }

    /// <summary>The V1 endpoint for the request's model: the documented one, or the lower-cased name.</summary>
    public static string V1Endpoint(EmbeddingRequest request, EmbeddingModelSpec? spec)
    {
        if (spec is not null)
        {
            return spec.Endpoint;
        }

        var endpoint = request.Model.Trim().ToLowerInvariant();
        try
        {
            ModelSpec.ValidateEndpoint(endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new QianfanValidationException($"model '{request.Model}' is not an embedding model and not a valid endpoint name: {ex.Message}", "model");
        }

        return endpoint;
    }
}
