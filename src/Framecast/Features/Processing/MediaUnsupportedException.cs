namespace Framecast.Features.Processing;

/// <summary>The upload is not a video we can process; retrying would not help. Becomes <c>media.unsupported</c>.</summary>
public sealed class MediaUnsupportedException(string reason, Exception? inner = null) : Exception(reason, inner);
