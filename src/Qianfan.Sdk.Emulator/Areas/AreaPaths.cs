namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>The paths of the APIs beside chat: V1 families under <c>wenxinworkshop/</c>, V2 paths, and where generated images are fetched.</summary>
internal static class AreaPaths
{
    public const string V1Root = "/rpc/2.0/ai_custom/v1/wenxinworkshop/";

    public const string V2Embeddings = "/v2/embeddings";

    public const string V2Rerankers = "/v2/rerankers";

    public const string V2ImageGenerations = "/v2/images/generations";

    /// <summary>Where the V2 image URLs point: the emulator serves the PNG itself (GET).</summary>
    public const string ImageFilesPrefix = "/v2/images/files/";

    public const string ImageFileRoute = ImageFilesPrefix + "{name}";
}
