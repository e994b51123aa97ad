using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>Writes Zhipu's JSON as the service does: UTF-8 (Chinese unescaped), its ids, its error envelope.</summary>
internal static class ZhipuJson
{
    public const string JsonContentType = "application/json; charset=UTF-8";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>An id shaped like the service's: 19 decimal digits (<c>8239375684858666781</c>).</summary>
    public static string NewId() =>
        (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL).ToString(CultureInfo.InvariantCulture);

    /// <summary>A tool call id shaped like the service's (<c>call_</c> and 20 digits).</summary>
    public static string NewCallId() => "call_" + NewId() + RandomNumberGenerator.GetInt32(10);

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"error":{"code","message"}}</c>.</summary>
    public static byte[] Error(ZhipuError error) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", error.Code);
        w.WriteString("message", error.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Answers <paramref name="error"/> as a plain HTTP answer with its status (streams too: the service refuses them before the first event).</summary>
    public static Task WriteErrorAsync(HttpResponse response, ZhipuError error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.StatusCode;
        return WriteAsync(response, Error(error), cancellationToken);
    }

    public static async Task WriteAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        response.ContentType = JsonContentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }
}
