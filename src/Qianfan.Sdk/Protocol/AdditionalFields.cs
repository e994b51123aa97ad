using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Protocol;

/// <summary>Qianfan's rule for a request's extra top-level body fields (Core's <see cref="ExtraFields"/>), raised as its validation error.</summary>
internal static class AdditionalFields
{
    /// <summary>Throws when a field in <paramref name="fields"/> is unnamed or one the body of <paramref name="body"/> already writes.</summary>
    public static void Validate(JsonObject? fields, JsonTypeInfo body)
    {
        if (ExtraFields.Refused(fields, body) is not { } name)
        {
            return;
        }

        throw string.IsNullOrWhiteSpace(name)
            ? new QianfanValidationException("AdditionalProperties must not hold an empty field name", "AdditionalProperties")
            : new QianfanValidationException($"AdditionalProperties['{name}'] repeats a field the SDK sends itself; set its property instead", $"AdditionalProperties['{name}']");
    }
}
