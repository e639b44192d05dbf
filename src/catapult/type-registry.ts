/**
 * Finds the user's classes by the names stored with apps and nodes, so a new
 * leader rebuilds them as the same subclasses.
 */
import { SchedulerApp } from './scheduler-app';
import { SchedulerNode, type SchedulerNodeInfo } from './scheduler-node';

/** A SchedulerApp subclass (its constructor is called with the app's name). */
export type AppClass = new (name: string) => SchedulerApp;
/** A SchedulerNode subclass (its constructor is called with the stored SchedulerNodeInfo). */
export type NodeClass = new (info: SchedulerNodeInfo) => SchedulerNode;
/** Either kind of class, as `options.types` takes them. */
export type RegisteredClass = AppClass | NodeClass | (abstract new (...args: never[]) => SchedulerApp | SchedulerNode);

/** The name a class (or an instance's class) is stored under: its static `typeName`, else its name. */
export function typeNameOf(target: object): string {
  const ctor = (typeof target === 'function' ? target : target.constructor) as { typeName?: unknown; name?: unknown };
  if (typeof ctor.typeName === 'string' && ctor.typeName !== '') return ctor.typeName;
  return typeof ctor.name === 'string' && ctor.name !== '' ? ctor.name : 'SchedulerNode';
}

function extendsClass(cls: unknown, base: Function): boolean {
  return typeof cls === 'function' && (cls === base || cls.prototype instanceof base);
}

/** The classes restored apps and nodes are built from. */
export class TypeRegistry {
  private readonly apps = new Map<string, AppClass>([[typeNameOf(SchedulerApp), SchedulerApp]]);
  private readonly nodes = new Map<string, NodeClass>([[typeNameOf(SchedulerNode), SchedulerNode]]);

  constructor(types: readonly RegisteredClass[] = []) {
    for (const cls of types) this.add(cls);
  }

  /** Registers a class; apps and nodes are told apart by their base class. */
  add(cls: RegisteredClass): void {
    if (extendsClass(cls, SchedulerApp)) this.apps.set(typeNameOf(cls), cls as AppClass);
    else if (extendsClass(cls, SchedulerNode)) this.nodes.set(typeNameOf(cls), cls as NodeClass);
    else throw new TypeError(`options.types: ${String((cls as { name?: string }).name)} extends neither SchedulerApp nor SchedulerNode`);
  }

  /** Remembers the class of an object the user created, so its later restores find it. */
  learn(instance: SchedulerApp | SchedulerNode): void {
    this.add(instance.constructor as RegisteredClass);
  }

  appClass(typeName: string): AppClass | undefined {
    return this.apps.get(typeName);
  }

  nodeClass(typeName: string): NodeClass | undefined {
    return this.nodes.get(typeName);
  }
}
