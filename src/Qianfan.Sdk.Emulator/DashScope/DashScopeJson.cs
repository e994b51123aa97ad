using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>Writes DashScope's JSON as the service does: UTF-8 (Chinese unescaped), request ids, its answer headers.</summary>
internal static class DashScopeJson
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    public const string RequestIdHeader = "X-Request-ID";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A request id shaped like the service's (<c>7e3d5586-cb70-98ce-97bf-8a2ac0091c3f</c>).</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A task id shaped like the service's.</summary>
    public static string NewTaskId() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A tool call id shaped like the service's (<c>call_</c> and 22 hex digits).</summary>
    public static string NewCallId() => "call_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(11));

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(DashScopeError error, string requestId) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("code", error.Code);
        w.WriteString("message", error.Message);
        w.WriteString("request_id", requestId);
        w.WriteEndObject();
    });

    /// <summary>Answers <paramref name="error"/> as a plain HTTP answer with its status.</summary>
    public static Task WriteErrorAsync(HttpResponse response, DashScopeError error, string requestId, CancellationToken cancellationToken)
    {
        response.StatusCode = error.StatusCode;
        return WriteAsync(response, Error(error, requestId), requestId, cancellationToken);
    }

    public static async Task WriteAsync(HttpResponse response, byte[] json, string requestId, CancellationToken cancellationToken)
    {
        response.ContentType = JsonContentType;
        response.Headers[RequestIdHeader] = requestId;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The service's time text, <c>2024-03-01 17:38:24.817</c>, in China time (UTC+8) as it writes it.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
