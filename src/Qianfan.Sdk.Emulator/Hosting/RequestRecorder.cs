using System.Text;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Recording;

namespace Qianfan.Sdk.Emulator.Hosting;

/// <summary>
/// Middleware that reads each request's body once, records the request (masked) before anything can answer or
/// abort it, and hands the body on to the endpoint.
/// </summary>
internal sealed class RequestRecorder(EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        context.Features.Set(new ReceivedBody(bytes));
        var recorded = state.Log.Add(sequence => Create(sequence, request, bytes));
        context.Items[typeof(RecordedRequest)] = recorded;
        EmulatorLog.RequestReceived(state.Logger, recorded.Sequence, recorded.Method, recorded.Path, recorded.QueryString);
        await next(context).ConfigureAwait(false);
    }

    private RecordedRequest Create(long sequence, HttpRequest request, byte[] bytes)
    {
        var path = request.Path.Value ?? string.Empty;
        var body = Encoding.UTF8.GetString(bytes);
        if (request.HasFormContentType)
        {
            body = SecretMasker.MaskUrlEncoded(body);
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = SecretMasker.IsSecretParameter(name) ? SecretMasker.Mask : values[^1] ?? string.Empty;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = SecretMasker.IsSecretHeader(name) ? SecretMasker.Mask : string.Join(", ", (IEnumerable<string?>)values);
        }

        return new RecordedRequest(
            sequence,
            state.TimeProvider.GetUtcNow(),
            request.Method,
            path,
            SecretMasker.MaskQueryString(request.QueryString),
            query,
            headers,
            body,
            ServicePaths.ChatEndpointOf(path));
    }
}
