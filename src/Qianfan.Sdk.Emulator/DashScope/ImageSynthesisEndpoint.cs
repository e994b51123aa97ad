using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.Images;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// <c>POST /api/v1/services/aigc/text2image/image-synthesis</c>: Wanx text-to-image, asynchronous only — without
/// <c>X-DashScope-Async: enable</c> it is 403 <c>AccessDenied</c>, as on the service. Checks the body (a <c>wanx</c>
/// model, a prompt, <c>size</c> as <c>width*height</c> up to 2048 a side, <c>n</c> in [1, 4], a known <c>style</c>,
/// <c>seed</c> in [0, 2³¹ − 1]) and answers the new task, <c>PENDING</c>. <c>n</c> is 4 by default and <c>size</c>
/// 1024*1024; the images are the emulator's own, drawn from the prompt and seed.
/// </summary>
internal sealed class ImageSynthesisEndpoint(EmulatorState state, DashScopeState dashScope)
{
    private static readonly string[] Styles =
        ["<auto>", "<photography>", "<portrait>", "<3d cartoon>", "<anime>", "<oil painting>", "<watercolor>", "<sketch>", "<chinese painting>", "<flat illustration>"];

    public Task HandleAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, HandleCoreAsync);

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var requestId = DashScopeJson.NewRequestId();
        var response = context.Response;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => DashScopeJson.WriteErrorAsync(response, DashScopeFaults.From(e), requestId, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var error = DashScopeAccess.Check(context.Request, HttpMethods.Post, dashScope, state.Scenarios.DashScope)
            ?? (string.Equals(context.Request.Headers["X-DashScope-Async"].ToString(), "enable", StringComparison.OrdinalIgnoreCase)
                ? null
                : DashScopeError.Of("AccessDenied", "current user api does not support synchronous calls."));
        var request = error is null ? Read(context.Features.Get<ReceivedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty, out error) : null;
        if (request is null)
        {
            await DashScopeJson.WriteErrorAsync(response, error!, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var limits = state.CurrentLimits();
        var admission = state.Quota.TryAdmit(limits, 0);
        if (admission.Error is { } limit)
        {
            await DashScopeJson.WriteErrorAsync(response, DashScopeFaults.From(limit), requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var scenarios = state.Scenarios.DashScope;
        var images = Enumerable.Range(0, request.Value.N)
            .Select(i => new ImageFile(request.Value.Width, request.Value.Height, ImageRenderer.Seed(i, request.Value.Model, request.Value.Prompt, request.Value.Seed)))
            .ToList();
        var task = new EmulatedTask(
            DashScopeJson.NewTaskId(),
            state.TimeProvider.GetUtcNow(),
            scenarios.TaskPendingTime,
            scenarios.TaskRunningTime,
            images,
            scenarios.TaskFailures.TryTake(out var failure) ? failure : null);
        dashScope.Tasks[task.Id] = task;
        response.StatusCode = StatusCodes.Status200OK;
        await DashScopeJson.WriteAsync(response, TaskBodies.Submitted(task, requestId), requestId, cancellationToken).ConfigureAwait(false);
    }

    private static (string Model, string Prompt, string? Seed, int Width, int Height, int N)? Read(ReadOnlyMemory<byte> body, out DashScopeError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            error = DashScopeError.InvalidParameter("The request body is not valid JSON.");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var model = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (string.IsNullOrWhiteSpace(model))
            {
                error = DashScopeError.Of("BadRequest.EmptyModel", "Required parameter(model) missing or invalid, please check the request parameters.");
                return null;
            }

            if (!model.StartsWith("wanx", StringComparison.Ordinal))
            {
                error = DashScopeError.InvalidParameter("Model not exist.");
                return null;
            }

            var prompt = root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (string.IsNullOrWhiteSpace(prompt))
            {
                error = DashScopeError.InvalidParameter("Field required: input.prompt");
                return null;
            }

            var parameters = root.TryGetProperty("parameters", out var ps) && ps.ValueKind == JsonValueKind.Object ? ps : default;
            var (width, height) = (1024, 1024);
            if (Get(parameters, "size") is { } size)
            {
                if (size.ValueKind != JsonValueKind.String || !TryParseSize(size.GetString()!, out width, out height))
                {
                    error = DashScopeError.InvalidParameter($"The size is invalid: {size}; it is width*height, e.g. 1024*1024.");
                    return null;
                }
            }

            var n = 4;
            if (Get(parameters, "n") is { } count && !(count.TryGetInt32(out n) && n is >= 1 and <= 4))
            {
                error = DashScopeError.InvalidParameter("Range of n should be [1, 4]");
                return null;
            }

            if (Get(parameters, "style") is { } style && (style.ValueKind != JsonValueKind.String || !Styles.Contains(style.GetString(), StringComparer.Ordinal)))
            {
                error = DashScopeError.InvalidParameter($"The style is invalid: {style}.");
                return null;
            }

            string? seed = null;
            if (Get(parameters, "seed") is { } s)
            {
                if (!(s.TryGetInt64(out var value) && value is >= 0 and <= int.MaxValue))
                {
                    error = DashScopeError.InvalidParameter("Range of seed should be [0, 2147483647]");
                    return null;
                }

                seed = value.ToString(CultureInfo.InvariantCulture);
            }

            return (model, prompt, seed, width, height, n);
        }
    }

    private static JsonElement? Get(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool TryParseSize(string size, out int width, out int height)
    {
        width = height = 0;
        var parts = size.Split('*');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is > 0 and <= ImageRenderer.MaxSide && height is > 0 and <= ImageRenderer.MaxSide;
    }
}
