using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Qianfan.Sdk.Core.Json;
using Qianfan.Sdk.DashScope.Errors;

namespace Qianfan.Sdk.DashScope.Protocol;

/// <summary>
/// DashScope's rule for a request's extra fields (Core's <see cref="ExtraFields"/>), sent inside the body's object they
/// belong to (<c>parameters</c>, <c>input</c>) and raised as its validation error.
/// </summary>
internal static class ExtraParameters
{
    /// <summary>Throws when a field is unnamed or a member <paramref name="section"/>'s type writes itself, naming the property it came from.</summary>
    public static void Validate(JsonObject? fields, JsonTypeInfo section, string property, string sectionName)
    {
        if (ExtraFields.Refused(fields, section) is not { } name)
        {
            return;
        }

        throw string.IsNullOrWhiteSpace(name)
            ? new DashScopeValidationException($"{property} must not hold an empty field name", property)
            : new DashScopeValidationException($"{property}['{name}'] repeats {sectionName}.{name}, which the SDK sends itself; set its property instead", $"{property}['{name}']");
    }
}
