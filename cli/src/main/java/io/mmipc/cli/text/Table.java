package io.mmipc.cli.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row in capitals, columns left-aligned and two spaces apart, the
 * last column unpadded. Cells are strings; null prints as "-".
 */
public final class Table
{
    private final String[] columns;
    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    public Table(final String... columns)
    {
        this("", columns.clone());
    }

    private Table(final String indent, final String[] columns)
    {
        this.indent = indent;
        this.columns = columns;
    }

    /**
     * @return a table whose every line starts with {@code indent}.
     */
    public static Table indented(final String indent, final String... columns)
    {
        return new Table(indent, columns.clone());
    }

    public Table row(final Object... cells)
    {
        if (cells.length != columns.length)
        {
            throw new IllegalArgumentException(cells.length + " cells for the " + columns.length + " columns " +
                Arrays.toString(columns));
        }
        final String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++)
        {
            row[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty()
    {
        return rows.isEmpty();
    }

    /**
     * @return the table, one line per row, each ending with a newline.
     */
    public String render()
    {
        final int[] widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++)
        {
            widths[i] = columns[i].length();
        }
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        line(sb, columns, widths);
        for (final String[] row : rows)
        {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private void line(final StringBuilder sb, final String[] cells, final int[] widths)
    {
        final StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++)
        {
            line.append(cells[i]);
            if (i < cells.length - 1)
            {
                line.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
