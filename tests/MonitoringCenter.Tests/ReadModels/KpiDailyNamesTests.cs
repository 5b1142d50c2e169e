using System.Globalization;
using System.Text.RegularExpressions;
using MonitoringCenter.Web.Model;

namespace MonitoringCenter.Tests.ReadModels;

/// <summary>The names the SQL over <c>kpi_daily</c> is written with agree with the C# they stand for.</summary>
[Trait("Category", "Unit")]
public sealed partial class KpiDailyNamesTests
{
    [Fact]
    public void UnitKindSqlLiterals_AreTheEnumsNumbers()
    {
        Assert.Equal(UnitKindSql.Nation, ((short)UnitKind.Nation).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(UnitKindSql.Province, ((short)UnitKind.Province).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(UnitKindSql.Office, ((short)UnitKind.Office).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void IndicatorColumns_AreIndicatorsConstructorParameters_InOrder()
    {
        var parameters = typeof(Indicators).GetConstructors().Single().GetParameters()
            .Select(p => Capitals().Replace(p.Name!, m => "_" + m.Value.ToLowerInvariant()).TrimStart('_'));

        Assert.Equal(parameters, IndicatorColumns.Names);
    }

    [Fact]
    public void Each_WritesEveryColumnThroughTheExpression_CommaSeparated()
    {
        Assert.Equal(
            "sum(k.cases_to_enforce), sum(k.cases_with_conditions), sum(k.cases_completed), sum(k.money_to_enforce), sum(k.money_with_conditions), sum(k.money_collected)",
            IndicatorColumns.Each(c => $"sum(k.{c})"));
    }

    [GeneratedRegex("[A-Z]")]
    private static partial Regex Capitals();
}
