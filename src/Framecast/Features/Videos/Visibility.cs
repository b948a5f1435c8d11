namespace Framecast.Features.Videos;

public enum Visibility
{
    Public,
    Unlisted,
    Private,
}
