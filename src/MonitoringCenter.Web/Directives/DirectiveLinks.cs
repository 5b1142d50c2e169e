using System.Globalization;

namespace MonitoringCenter.Web.Directives;

/// <summary>Where the pages that lead to a directive send the person: the board, filtered, with the form open and filled in.</summary>
public static class DirectiveLinks
{
    /// <summary>From a meeting's note on a province: the note's words become the directive's first draft.</summary>
    public static string FromReviewNote(long noteId, string province) =>
        string.Create(CultureInfo.InvariantCulture, $"/directives?province={Uri.EscapeDataString(province)}&note={noteId}&new=1");
}
