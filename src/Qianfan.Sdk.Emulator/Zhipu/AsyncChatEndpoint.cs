using Microsoft.AspNetCore.Http;
using Qianfan.Sdk.Emulator.Hosting;

namespace Qianfan.Sdk.Emulator.Zhipu;

/// <summary>
/// Asynchronous chat. <c>POST /api/paas/v4/async/chat/completions</c> takes the sync body (a <c>stream</c> flag is
/// ignored), meets what a sync call meets (<see cref="GlmAdmission"/>) and answers the task,
/// <c>{model, id, request_id, task_status: "PROCESSING"}</c>. <c>GET /api/paas/v4/async-result/{id}</c> answers its
/// state by the emulator's clock (<see cref="GlmTask"/>): the shell while <c>PROCESSING</c> or once <c>FAIL</c>, the
/// reply once <c>SUCCESS</c>; an id it does not know is 400 <c>1214</c>.
/// </summary>
internal sealed class AsyncChatEndpoint(EmulatorState state, ZhipuState zhipu)
{
    private readonly GlmAdmission _admission = new(state, zhipu);

    public Task HandleSubmitAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, SubmitAsync);

    public Task HandleResultAsync(HttpContext context) => GatewayFaults.RunAsync(context, state, ResultAsync);

    private async Task SubmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (await _admission.AdmitAsync(context, cancellationToken).ConfigureAwait(false) is not var (call, answer))
        {
            return;
        }

        var scenarios = state.Scenarios.Zhipu;
        var fails = scenarios.TaskFailures.TryTake(out _)
            || (scenarios.TaskFailTrigger is { } trigger && call.Messages[^1].Content.Contains(trigger, StringComparison.Ordinal));
        var task = new GlmTask(answer.Id, state.TimeProvider.GetUtcNow(), scenarios.TaskProcessingTime, answer, fails);
        zhipu.Tasks[task.Id] = task;
        context.Response.StatusCode = StatusCodes.Status200OK;
        await ZhipuJson.WriteAsync(context.Response, GlmBodies.Task(task, GlmTask.Processing), cancellationToken).ConfigureAwait(false);
    }

    private async Task ResultAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var sequence = (context.Items[typeof(RecordedRequest)] as RecordedRequest)?.Sequence ?? 0;
        var response = context.Response;
        if (await GatewayFaults.TryApplyAsync(context, state, sequence, e => ZhipuJson.WriteErrorAsync(response, ZhipuFaults.From(e), cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var now = state.TimeProvider.GetUtcNow();
        if (ZhipuAccess.Check(context.Request, HttpMethods.Get, zhipu, state.Scenarios.Zhipu, now) is { } error)
        {
            await ZhipuJson.WriteErrorAsync(response, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        if (!zhipu.Tasks.TryGetValue(id, out var task))
        {
            await ZhipuJson.WriteErrorAsync(response, ZhipuError.InvalidField($"id参数非法：任务 {id} 不存在。"), cancellationToken).ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        await ZhipuJson.WriteAsync(response, GlmBodies.Task(task, task.StatusAt(now)), cancellationToken).ConfigureAwait(false);
    }
}
