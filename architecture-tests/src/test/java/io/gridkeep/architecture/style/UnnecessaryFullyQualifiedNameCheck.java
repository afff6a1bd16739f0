package io.gridkeep.architecture.style;

import com.puppycrawl.tools.checkstyle.api.AbstractCheck;
import com.puppycrawl.tools.checkstyle.api.DetailAST;
import com.puppycrawl.tools.checkstyle.api.TokenTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports a fully qualified type name in code ({@code java.util.concurrent.atomic.LongAdder}) where
 * an import and the simple name would do: always when the type is imported already, and otherwise
 * unless the simple name is taken in the file (an import of another type, a type, enum constant or
 * field declared in the file, or a second fully qualified type of the same simple name, as {@code java.nio.file.Path}
 * next to {@code org.apache.hadoop.fs.Path}). Javadoc and strings are not code and not checked.
 * Checkstyle 12, the newest that runs on Java 17, has no such check; {@code SourceStyleTest} runs
 * this one over every module's sources.
 */
public class UnnecessaryFullyQualifiedNameCheck extends AbstractCheck {
    /** First package segments taken as a package name; an identifier chain starting otherwise is a field access. */
    private static final Set<String> ROOTS = Set.of("java", "javax", "jdk", "com", "org", "io", "net", "info", "picocli", "sun");

    /** Declarations whose name hides a type of the same simple name (a type, an enum constant {@code UUID}, a field). */
    private static final int[] NAME_DEFS = {TokenTypes.CLASS_DEF, TokenTypes.INTERFACE_DEF, TokenTypes.ENUM_DEF,
        TokenTypes.RECORD_DEF, TokenTypes.ANNOTATION_DEF, TokenTypes.ENUM_CONSTANT_DEF, TokenTypes.VARIABLE_DEF};

    /** A qualified reference found in code. */
    private record Use(DetailAST ast, String packageName, String simpleName) {
    }

    private final Map<String, String> imports = new HashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final List<Use> uses = new ArrayList<>();

    @Override
    public int[] getDefaultTokens() {
        return getRequiredTokens();
    }

    @Override
    public int[] getAcceptableTokens() {
        return getRequiredTokens();
    }

    @Override
    public int[] getRequiredTokens() {
        int[] t = new int[NAME_DEFS.length + 2];
        System.arraycopy(NAME_DEFS, 0, t, 0, NAME_DEFS.length);
        t[NAME_DEFS.length] = TokenTypes.IMPORT;
        t[NAME_DEFS.length + 1] = TokenTypes.DOT;
        return t;
    }

    @Override
    public void beginTree(DetailAST root) {
        imports.clear();
        declared.clear();
        uses.clear();
    }

    @Override
    public void visitToken(DetailAST ast) {
        if (ast.getType() == TokenTypes.IMPORT) {
            String name = text(ast.getFirstChild());
            if (name != null)
                imports.put(name.substring(name.lastIndexOf('.') + 1), name);
        }
        else if (ast.getType() == TokenTypes.DOT)
            qualifiedType(ast);
        else {
            DetailAST id = ast.findFirstToken(TokenTypes.IDENT);
            if (id != null)
                declared.add(id.getText());
        }
    }

    private void qualifiedType(DetailAST dot) {
        if (outsideCode(dot))
            return;
        DetailAST left = dot.getFirstChild();
        DetailAST right = left == null ? null : left.getNextSibling();
        if (right == null || right.getType() != TokenTypes.IDENT || !Character.isUpperCase(right.getText().charAt(0)))
            return;
        String pkg = text(left);
        if (pkg == null || !ROOTS.contains(pkg.split("\\.", 2)[0]))
            return;
        for (String part : pkg.split("\\.")) {
            if (!Character.isLowerCase(part.charAt(0)))
                return;
        }
        uses.add(new Use(dot, pkg, right.getText()));
    }

    /** Package and import statements name types the only way they can. */
    private static boolean outsideCode(DetailAST ast) {
        for (DetailAST a = ast.getParent(); a != null; a = a.getParent()) {
            int t = a.getType();
            if (t == TokenTypes.IMPORT || t == TokenTypes.STATIC_IMPORT || t == TokenTypes.PACKAGE_DEF)
                return true;
        }
        return false;
    }

    /** {@code a.b.c} for a chain of identifiers, null for anything else (a call, an array). */
    private static String text(DetailAST ast) {
        if (ast.getType() == TokenTypes.IDENT)
            return ast.getText();
        if (ast.getType() != TokenTypes.DOT)
            return null;
        DetailAST left = ast.getFirstChild();
        DetailAST right = left.getNextSibling();
        String l = text(left);
        return l == null || right == null || right.getType() != TokenTypes.IDENT ? null : l + "." + right.getText();
    }

    @Override
    public void finishTree(DetailAST root) {
        Map<String, Set<String>> packagesBySimpleName = new HashMap<>();
        for (Use u : uses)
            packagesBySimpleName.computeIfAbsent(u.simpleName(), k -> new HashSet<>()).add(u.packageName());
        for (Use u : uses) {
            String fqn = u.packageName() + "." + u.simpleName();
            String imported = imports.get(u.simpleName());
            if (fqn.equals(imported))
                log(u.ast(), "fqn.imported", fqn, u.simpleName());
            else if (imported == null && !declared.contains(u.simpleName()) && packagesBySimpleName.get(u.simpleName()).size() == 1)
                log(u.ast(), "fqn.importable", fqn, u.simpleName());
        }
    }
}
