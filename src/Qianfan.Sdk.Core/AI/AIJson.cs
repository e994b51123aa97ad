using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Qianfan.Sdk.Core.AI;

/// <summary>
/// JSON between Microsoft.Extensions.AI's object-typed values (function arguments and results, extra properties)
/// and the SDK's wire, through <see cref="AIJsonUtilities.DefaultOptions"/>: its source-generated contracts cover the
/// common types, so nothing here needs reflection unless the caller's own types do.
/// </summary>
internal static class AIJson
{
    // M.E.AI's defaults write indented JSON; the wire takes it compact (arguments and results are sent back as text).
    private static readonly JsonSerializerOptions Options = Compact(AIJsonUtilities.DefaultOptions);

    /// <summary>A function call's arguments as the service wrote them (a JSON text), parsed for M.E.AI.</summary>
    public static FunctionCallContent FunctionCall(string callId, string name, string? arguments) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            callId,
            name,
            static json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, Options.GetTypeInfo(typeof(IDictionary<string, object?>))));

    /// <summary>M.E.AI's arguments as the JSON text the service expects.</summary>
    public static string Arguments(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, Options.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>
    /// A function's result as the text a tool or function message carries: a string as is (also a JSON string, as
    /// <c>FunctionInvokingChatClient</c> hands a function's string back), anything else as JSON.
    /// </summary>
    public static string Result(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonNode node => node.ToJsonString(),
        _ => Serialize(result, "the function result"),
    };

    /// <summary>An extra body field's value as a JSON node.</summary>
    public static JsonNode? Node(string key, object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        _ => JsonNode.Parse(Serialize(value, $"AdditionalProperties['{key}']")),
    };

    private static JsonSerializerOptions Compact(JsonSerializerOptions defaults)
    {
        var options = new JsonSerializerOptions(defaults) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }

    private static string Serialize(object value, string what)
    {
        try
        {
            return JsonSerializer.Serialize(value, Options.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            throw new NotSupportedException($"{what} is a {value.GetType().Name}, which has no JSON contract here; pass a string, a JsonElement or a JsonNode.", ex);
        }
    }
}
