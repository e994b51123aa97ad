using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>Reading the request bodies of the APIs beside chat: the JSON object, and its members by kind.</summary>
internal static class AreaBody
{
    /// <summary>The body as a JSON object (cloned), or null when it is not one (error 336002 / <c>malformed_json</c>).</summary>
    public static JsonElement? Parse(HttpContext context)
    {
        var bytes = context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the member is absent or null.</summary>
    public static bool IsAbsent(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>The member as a string; null when absent, null or not a string (see <paramref name="isString"/>).</summary>
    public static string? String(JsonElement body, string name, out bool isString)
    {
        isString = body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;
        return isString ? value.GetString() : null;
    }

    /// <summary>The member as a list of strings; null when it is not an array of strings.</summary>
    public static List<string>? Strings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    /// <summary>The member as a whole number, or null when it is not one.</summary>
    public static long? Integer(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    /// <summary>The member as a number, or null when it is not one.</summary>
    public static double? Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    /// <summary>
    /// The rule an optional <c>user_id</c> (V1) or <c>user</c> (V2) member breaks, or null: when present it must be a string.
    /// </summary>
    public static string? CheckUser(JsonElement body, string name) =>
        !IsAbsent(body, name) && String(body, name, out _) is null ? $"{name} must be a string" : null;
}
