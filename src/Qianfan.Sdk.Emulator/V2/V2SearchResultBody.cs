namespace Qianfan.Sdk.Emulator.V2;

/// <summary>A web page an answer with <c>web_search</c> cites as <c>[index]</c>: <c>{"index","url","title"}</c>.</summary>
internal sealed record V2SearchResultBody(int Index, string Url, string Title);
