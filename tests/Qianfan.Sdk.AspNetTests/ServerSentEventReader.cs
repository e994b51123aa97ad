using System.Text;
using System.Text.Json;

namespace Qianfan.Sdk.AspNetTests;

/// <summary>One server-sent event as a browser sees it.</summary>
internal sealed record ServerSentEvent(string Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>Reads a <c>text/event-stream</c> body event by event, as the events arrive.</summary>
internal sealed class ServerSentEventReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>
    /// POSTs <paramref name="body"/> as JSON and returns the response as soon as its headers arrived. A stream is asked
    /// for with <c>Accept: text/event-stream</c> only, so problem details must come back without being asked for.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (path.EndsWith("/stream", StringComparison.Ordinal))
        {
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Reads a whole <c>text/event-stream</c> response.</summary>
    public static async Task<List<ServerSentEvent>> ReadAllAsync(HttpResponseMessage response)
    {
        using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync());
        var events = new List<ServerSentEvent>();
        while (await reader.ReadNextAsync(CancellationToken.None) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    /// <summary>The next event, or null at the end of the body.</summary>
    public async Task<ServerSentEvent?> ReadNextAsync(CancellationToken cancellationToken)
    {
        string? type = null;
        var data = new List<string>();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerSentEvent(type ?? "message", string.Join('\n', data));
                }

                type = null;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (field == "event")
            {
                type = value;
            }
            else if (field == "data")
            {
                data.Add(value);
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
