using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Images;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// <c>POST /api/paas/v4/images/generations</c>: CogView text-to-image. Checks the body (a <c>cogview</c> or
/// <c>glm-image</c> model, else 400 <c>1211</c>; a prompt; <c>size</c> as <c>{width}x{height}</c>, both sides 512–2048
/// and divisible by 16, at most 2²¹ pixels; <c>quality</c> <c>hd</c> or <c>standard</c>: 400 <c>1214</c> otherwise) and
/// answers <c>{created, data:[{url}]}</c>, one image, 1024x1024 by default, drawn from the prompt: the URL points at the
/// emulator itself (<c>/zhipu-files/{name}</c>).
/// </summary>
internal sealed class CogViewEndpoint(EmulatorState state, ZhipuState zhipu)
{
    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var response = context.Response;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => ZhipuJson.WriteErrorAsync(response, ZhipuFaults.From(e), cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var error = ZhipuAccess.Check(context.Request, HttpMethods.Post, zhipu, state.Scenarios.Zhipu, state.TimeProvider.GetUtcNow());
        var request = error is null ? Read(context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty, out error) : null;
        if (request is not { } image)
        {
            await ZhipuJson.WriteErrorAsync(response, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, 0);
        if (admission.Error is { } limit)
        {
            await ZhipuJson.WriteErrorAsync(response, ZhipuFaults.From(limit), cancellationToken).ConfigureAwait(false);
            return;
        }

        var file = new ImageFile(image.Width, image.Height, ImageRenderer.Seed(0, image.Model, image.Prompt));
        var url = new Uri(new Uri($"{context.Request.Scheme}://{context.Request.Host}"), ZhipuPaths.FilesPrefix + file.Name).AbsoluteUri;
        var created = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        response.StatusCode = StatusCodes.Status200OK;
        await ZhipuJson.WriteAsync(response, ZhipuJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("created", created);
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("url", url);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }), cancellationToken).ConfigureAwait(false);
    }

    private static (string Model, string Prompt, int Width, int Height)? Read(ReadOnlyMemory<byte> body, out ZhipuError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            error = ZhipuError.InvalidField("请求体不是合法的 JSON。");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var model = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (string.IsNullOrWhiteSpace(model))
            {
                error = ZhipuError.Of("1213", "未正常接收到model参数。");
                return null;
            }

            if (!model.StartsWith("cogview", StringComparison.Ordinal) && !model.StartsWith("glm-image", StringComparison.Ordinal))
            {
                error = ZhipuError.Of("1211");
                return null;
            }

            var prompt = root.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (string.IsNullOrWhiteSpace(prompt))
            {
                error = ZhipuError.InvalidField("prompt 不能为空。");
                return null;
            }

            var (width, height) = (1024, 1024);
            if (root.TryGetProperty("size", out var size) && size.ValueKind != JsonValueKind.Null
                && !(size.ValueKind == JsonValueKind.String && TryParseSize(size.GetString()!, out width, out height)))
            {
                error = ZhipuError.InvalidField($"size参数非法：{size}；长宽均在 512px-2048px 之间，且为 16 的整数倍，总像素不超过 2^21。");
                return null;
            }

            if (root.TryGetProperty("quality", out var quality) && quality.ValueKind != JsonValueKind.Null && quality.GetString() is not ("hd" or "standard"))
            {
                error = ZhipuError.InvalidField("quality参数非法：应为 hd 或 standard。");
                return null;
            }

            return (model, prompt, width, height);
        }
    }

    private static bool TryParseSize(string size, out int width, out int height)
    {
        width = height = 0;
        var parts = size.Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is >= 512 and <= 2048 && height is >= 512 and <= 2048
            && width % 16 == 0 && height % 16 == 0
            && (long)width * height <= 1 << 21;
    }
}
