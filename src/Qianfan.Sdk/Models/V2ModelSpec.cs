namespace Qianfan.Sdk.Models;

/// <summary>A model V2 chat completions serves, as the SDK knows it; <see cref="ModelsClient"/> lists what the account can call today.</summary>
/// <param name="Id">The model id as V2 spells it, e.g. <c>ernie-4.5-turbo-128k</c>.</param>
/// <param name="ContextLength">The context window in tokens, where known.</param>
/// <param name="IsReasoning">Whether it is a thinking model that sends <c>reasoning_content</c> before its answer.</param>
/// <param name="IsVision">Whether it takes images in user messages (<see cref="Chat.ChatContentPart"/>).</param>
public sealed record V2ModelSpec(string Id, int? ContextLength = null, bool IsReasoning = false, bool IsVision = false);
