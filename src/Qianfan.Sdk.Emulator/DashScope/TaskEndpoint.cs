using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.DashScope;

/// <summary>
/// <c>GET /api/v1/tasks/{task_id}</c>: a task's state by the emulator's clock (an id it does not know is <c>UNKNOWN</c>,
/// with HTTP 200, as on the service); <c>POST /api/v1/tasks/{task_id}/cancel</c>: cancels a task still <c>PENDING</c>,
/// anything else is 400 <c>UnsupportedOperation</c>. Both meet the gateway scenarios and check the key.
/// </summary>
internal sealed class TaskEndpoint(EmulatorState state, DashScopeState dashScope)
{
    public Task HandleGetAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, (c, ct) => HandleCoreAsync(c, cancel: false, ct));

    public Task HandleCancelAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, (c, ct) => HandleCoreAsync(c, cancel: true, ct));

    private async Task HandleCoreAsync(HttpContext context, bool cancel, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var requestId = DashScopeJson.NewRequestId();
        var response = context.Response;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => DashScopeJson.WriteErrorAsync(response, DashScopeFaults.From(e), requestId, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (DashScopeAccess.Check(context.Request, cancel ? HttpMethods.Post : HttpMethods.Get, dashScope, state.Scenarios.DashScope) is { } error)
        {
            await DashScopeJson.WriteErrorAsync(response, error, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = context.Request.RouteValues["task_id"] as string ?? "";
        var now = state.TimeProvider.GetUtcNow();
        dashScope.Tasks.TryGetValue(id, out var task);
        if (cancel)
        {
            if (task is null || !task.TryCancel(now))
            {
                await DashScopeJson.WriteErrorAsync(response, DashScopeError.Of("UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status."), requestId, cancellationToken).ConfigureAwait(false);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            await DashScopeJson.WriteAsync(response, DashScopeJson.Write(w => { w.WriteStartObject(); w.WriteString("request_id", requestId); w.WriteEndObject(); }), requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var origin = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        response.StatusCode = StatusCodes.Status200OK;
        var body = task is null ? TaskBodies.Unknown(id, requestId) : TaskBodies.State(task, now, origin, requestId);
        await DashScopeJson.WriteAsync(response, body, requestId, cancellationToken).ConfigureAwait(false);
    }
}
