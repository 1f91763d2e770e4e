// Command goref prints what Go's own parser sees in a tree of Go files, in the JSON shape of
// tagscan.scanner.declarations: every package-level struct type with its fields (names, type
// text, embedded flag, raw tag and reflect.StructTag lookups), every TableName method with the
// results of its return statements and the env vars its body reads (os.Getenv/os.LookupEnv with
// a literal name, closures included, in source order), and every call that hands a value to the
// ORM (.Model, .CreateTable, .EnsureTable, .Register: the first argument; .AutoMigrate: each).
// It is the reference the scanner is tested against.
//
// Usage:
//
//	goref DIR        print the declarations of DIR as one JSON array
//	goref -serve     read one directory per line on stdin, answer one JSON line each
//
// Files go/parser rejects are listed with a "syntax_error" message and nothing else, so the
// caller can tell "no structs" from "could not read".
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// tagKeys are the struct tag keys of DynamORM and of its successor TableTheory.
var tagKeys = []string{"dynamorm", "theorydb"}

type lookup struct {
	Value string `json:"value"`
	OK    bool   `json:"ok"`
}

type field struct {
	Names    []string          `json:"names"`
	Type     string            `json:"type"`
	Embedded bool              `json:"embedded"`
	RawTag   *string           `json:"raw_tag"`
	Lookups  map[string]lookup `json:"lookups"`
}

type structType struct {
	Name       string   `json:"name"`
	Line       int      `json:"line"`
	TypeParams []string `json:"type_params"`
	Fields     []field  `json:"fields"`
}

type tableNameMethod struct {
	Receiver string   `json:"receiver"`
	Pointer  bool     `json:"pointer"`
	Line     int      `json:"line"`
	Returns  []string `json:"returns"`
	Envs     []string `json:"envs"`
}

type ormCall struct {
	Call     string `json:"call"`
	Line     int    `json:"line"`
	Argument string `json:"argument"`
	offset   int
}

type fileDecls struct {
	File             string            `json:"file"`
	SyntaxError      string            `json:"syntax_error,omitempty"`
	Structs          []structType      `json:"structs"`
	TableNameMethods []tableNameMethod `json:"table_name_methods"`
	OrmCalls         []ormCall         `json:"orm_calls"`
}

// modelArguments: the ORM's calls that take models, and how many leading arguments are models (0: all).
var modelArguments = map[string]int{"Model": 1, "CreateTable": 1, "EnsureTable": 1, "Register": 1, "AutoMigrate": 0}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	switch {
	case len(os.Args) == 2 && os.Args[1] == "-serve":
		serve(os.Stdin, out)
	case len(os.Args) == 2:
		if err := writeDeclarations(out, os.Args[1]); err != nil {
			out.Flush()
			fmt.Fprintln(os.Stderr, "goref:", err)
			os.Exit(2)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: goref DIR | goref -serve")
		os.Exit(2)
	}
}

// serve answers one directory per input line, so a test can run many trees through one process.
func serve(in *os.File, out *bufio.Writer) {
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		if err := writeDeclarations(out, lines.Text()); err != nil {
			// One JSON line per request even on failure, so the caller never waits forever.
			data, _ := json.Marshal(map[string]string{"error": err.Error()})
			out.Write(append(data, '\n'))
		}
		out.Flush()
	}
}

func writeDeclarations(out *bufio.Writer, root string) error {
	decls, err := declarations(root)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return enc.Encode(decls)
}

func declarations(root string) ([]fileDecls, error) {
	paths, err := goFiles(root)
	if err != nil {
		return nil, err
	}
	result := make([]fileDecls, 0, len(paths))
	for _, rel := range paths {
		decls, err := fileDeclarations(root, rel)
		if err != nil {
			return nil, err
		}
		result = append(result, decls)
	}
	return result, nil
}

// goFiles lists the files `go build` would read, relative to root, /-separated and sorted.
func goFiles(root string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "vendor" || name == "testdata" || ignoredName(name)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && !ignoredName(name) {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(paths)
	return paths, err
}

// ignoredName: the go tool ignores files and directories whose names start with . or _.
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

func fileDeclarations(root, rel string) (fileDecls, error) {
	decls := fileDecls{File: rel, Structs: []structType{}, TableNameMethods: []tableNameMethod{}, OrmCalls: []ormCall{}}
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return decls, err
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, rel, src, parser.ParseComments)
	if err != nil {
		decls.SyntaxError = err.Error()
		return decls, nil
	}
	text := func(from, to token.Pos) string {
		return withoutSpace(string(src[fset.Position(from).Offset:fset.Position(to).Offset]))
	}
	line := func(pos token.Pos) int { return fset.Position(pos).Line }
	for _, decl := range file.Decls {
		switch decl := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				if spec, ok := spec.(*ast.TypeSpec); ok {
					// An alias (type A = struct{...}) defines no type of its own: not reported.
					if st, ok := spec.Type.(*ast.StructType); ok && !spec.Assign.IsValid() {
						decls.Structs = append(decls.Structs, structDecl(spec, st, text, line))
					}
				}
			}
		case *ast.FuncDecl:
			if decl.Recv != nil && decl.Name.Name == "TableName" {
				method := tableNameDecl(decl, text, line)
				method.Envs = envReads(decl.Body, osName(file))
				decls.TableNameMethods = append(decls.TableNameMethods, method)
			}
		}
	}
	decls.OrmCalls = ormCalls(file, fset, text, line)
	sort.SliceStable(decls.Structs, func(i, j int) bool { return decls.Structs[i].Line < decls.Structs[j].Line })
	sort.SliceStable(decls.TableNameMethods, func(i, j int) bool {
		return decls.TableNameMethods[i].Line < decls.TableNameMethods[j].Line
	})
	return decls, nil
}

type textFunc func(from, to token.Pos) string
type lineFunc func(pos token.Pos) int

func structDecl(spec *ast.TypeSpec, st *ast.StructType, text textFunc, line lineFunc) structType {
	decl := structType{Name: spec.Name.Name, Line: line(spec.Name.Pos()), TypeParams: []string{}, Fields: []field{}}
	if spec.TypeParams != nil {
		for _, param := range spec.TypeParams.List {
			for _, name := range param.Names {
				decl.TypeParams = append(decl.TypeParams, name.Name)
			}
		}
	}
	for _, f := range st.Fields.List {
		decl.Fields = append(decl.Fields, fieldDecl(f, text))
	}
	return decl
}

func fieldDecl(f *ast.Field, text textFunc) field {
	decl := field{
		Names:    []string{},
		Type:     text(f.Type.Pos(), f.Type.End()),
		Embedded: len(f.Names) == 0,
		Lookups:  map[string]lookup{},
	}
	for _, name := range f.Names {
		decl.Names = append(decl.Names, name.Name)
	}
	raw := ""
	if f.Tag != nil {
		// The parser has already checked the literal, so Unquote cannot fail here.
		raw, _ = strconv.Unquote(f.Tag.Value)
		decl.RawTag = &raw
	}
	for _, key := range tagKeys {
		value, ok := reflect.StructTag(raw).Lookup(key)
		decl.Lookups[key] = lookup{Value: value, OK: ok}
	}
	return decl
}

func tableNameDecl(fn *ast.FuncDecl, text textFunc, line lineFunc) tableNameMethod {
	method := tableNameMethod{Line: line(fn.Pos()), Returns: []string{}}
	recv := fn.Recv.List[0].Type
	if paren, ok := recv.(*ast.ParenExpr); ok {
		recv = paren.X
	}
	if star, ok := recv.(*ast.StarExpr); ok {
		method.Pointer = true
		recv = star.X
	}
	method.Receiver = receiverName(recv)
	if fn.Body == nil {
		return method
	}
	ast.Inspect(fn.Body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.FuncLit:
			return false // a closure's return is not TableName's
		case *ast.ReturnStmt:
			result := ""
			if len(node.Results) > 0 {
				result = text(node.Results[0].Pos(), node.Results[len(node.Results)-1].End())
			}
			method.Returns = append(method.Returns, result)
		}
		return true
	})
	return method
}

// receiverName is the receiver's type name without type arguments: T for T, T[K] or T[K, V].
func receiverName(expr ast.Expr) string {
	switch expr := expr.(type) {
	case *ast.Ident:
		return expr.Name
	case *ast.IndexExpr:
		return receiverName(expr.X)
	case *ast.IndexListExpr:
		return receiverName(expr.X)
	case *ast.ParenExpr:
		return receiverName(expr.X)
	}
	return ""
}

func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// osName is the name the file imports package os by ("" when it does not).
func osName(file *ast.File) string {
	for _, spec := range file.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path == "os" {
			if spec.Name != nil {
				return spec.Name.Name
			}
			return "os"
		}
	}
	return ""
}

// envReads are the literal names of os.Getenv/os.LookupEnv calls in body, in source order.
func envReads(body *ast.BlockStmt, os string) []string {
	envs := []string{}
	if body == nil || os == "" {
		return envs
	}
	ast.Inspect(body, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Getenv" && sel.Sel.Name != "LookupEnv") {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != os {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if name, err := strconv.Unquote(lit.Value); err == nil {
				envs = append(envs, name)
			}
		}
		return true
	})
	return envs
}

// ormCalls are the arguments handed to the ORM's model-taking calls anywhere in the file, in source order.
func ormCalls(file *ast.File, fset *token.FileSet, text textFunc, line lineFunc) []ormCall {
	calls := []ormCall{}
	ast.Inspect(file, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		count, ok := modelArguments[sel.Sel.Name]
		if !ok {
			return true
		}
		for i, arg := range call.Args {
			if count > 0 && i >= count {
				break
			}
			calls = append(calls, ormCall{sel.Sel.Name, line(arg.Pos()), text(arg.Pos(), arg.End()), fset.Position(arg.Pos()).Offset})
		}
		return true
	})
	sort.SliceStable(calls, func(i, j int) bool { return calls[i].offset < calls[j].offset })
	return calls
}
