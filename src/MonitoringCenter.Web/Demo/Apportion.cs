namespace MonitoringCenter.Web.Demo;

/// <summary>
/// Splits an integer total into integer parts proportional to weights, each part at most its
/// cap, so that the parts add up to the total exactly (largest remainder, with water filling
/// when a cap is reached). This is what lets the demo data hit the published figures to the
/// last case and the last đồng.
/// </summary>
public static class Apportion
{
    public static long[] Split(long total, ReadOnlySpan<double> weights, ReadOnlySpan<long> caps = default)
    {
        var n = weights.Length;
        var result = new long[n];
        if (total == 0)
        {
            return result;
        }
        var remaining = total;
        var fractions = new double[n];
        var order = new int[n];
        while (remaining > 0)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                if (weights[i] > 0 && Room(result, caps, i) > 0)
                {
                    sum += weights[i];
                }
            }
            if (sum <= 0)
            {
                throw new InvalidOperationException($"Cannot place {remaining} more: every part with weight is at its cap.");
            }
            long placed = 0;
            for (var i = 0; i < n; i++)
            {
                fractions[i] = -1;
                var room = Room(result, caps, i);
                if (weights[i] <= 0 || room <= 0)
                {
                    continue;
                }
                var exact = remaining * (weights[i] / sum);
                var whole = (long)Math.Floor(exact);
                if (whole >= room)
                {
                    whole = room;
                }
                else
                {
                    fractions[i] = exact - whole;
                }
                result[i] += whole;
                placed += whole;
            }
            remaining -= placed;
            if (remaining <= 0)
            {
                break;
            }
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }
            Array.Sort(order, (a, b) => fractions[b].CompareTo(fractions[a]));
            foreach (var i in order)
            {
                if (remaining == 0 || fractions[i] < 0)
                {
                    break;
                }
                if (Room(result, caps, i) > 0)
                {
                    result[i]++;
                    remaining--;
                }
            }
        }
        if (remaining < 0)
        {
            throw new InvalidOperationException("Apportioning overshot its total.");
        }
        return result;
    }

    private static long Room(long[] result, ReadOnlySpan<long> caps, int i) =>
        caps.IsEmpty ? long.MaxValue : caps[i] - result[i];
}
