namespace Framecast.Features.Comments;

public enum AddCommentOutcome
{
    Done,
    VideoNotFound,

    /// <summary>The parent is not a comment on the same video (422 <c>comment.parent_invalid</c>).</summary>
    ParentInvalid,
}
