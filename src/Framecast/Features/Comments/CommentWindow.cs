namespace Framecast.Features.Comments;

/// <summary>The reference system's time window: comments created in <c>(From, To]</c>, either end open when null.</summary>
public sealed record CommentWindow(DateTime? From, DateTime? To);
